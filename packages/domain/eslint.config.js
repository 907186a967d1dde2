import base, { pureDomain } from "@syncstore/eslint-config";

export default [...base, pureDomain];
