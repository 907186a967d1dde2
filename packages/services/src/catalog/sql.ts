export { sqlRows } from "@syncstore/db";
