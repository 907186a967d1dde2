import base from "@syncstore/eslint-config";

export default base;
