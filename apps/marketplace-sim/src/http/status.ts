/** The 4xx status an error carries (body-parser's 400/413), else 500. */
export function clientErrorStatus(err: unknown): number {
  return typeof err === "object" &&
    err !== null &&
    "status" in err &&
    typeof err.status === "number" &&
    err.status >= 400 &&
    err.status < 500
    ? err.status
    : 500;
}
