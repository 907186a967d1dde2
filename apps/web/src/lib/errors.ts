/**
 * Reads what the tRPC error formatter puts on an error (`data.requestId`, `data.zodError`) without
 * trusting its shape: errors also come from the network, better-auth and React itself.
 */
export type ErrorDetails = {
  message: string;
  code: string | undefined;
  requestId: string | undefined;
  fieldErrors: Record<string, string[]>;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function readFieldErrors(zodError: unknown): Record<string, string[]> {
  if (!isRecord(zodError) || !isRecord(zodError.fieldErrors)) return {};
  const result: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(zodError.fieldErrors)) {
    if (Array.isArray(messages)) {
      const strings = messages.filter((m): m is string => typeof m === "string");
      if (strings.length > 0) result[field] = strings;
    }
  }
  return result;
}

export function getErrorDetails(error: unknown): ErrorDetails {
  const data = isRecord(error) && isRecord(error.data) ? error.data : undefined;
  const rawMessage = isRecord(error) && typeof error.message === "string" ? error.message : "";
  const message =
    rawMessage === "Failed to fetch" || rawMessage === ""
      ? "The server could not be reached. Check your connection and try again."
      : rawMessage;
  return {
    message,
    code: typeof data?.code === "string" ? data.code : undefined,
    requestId: typeof data?.requestId === "string" ? data.requestId : undefined,
    fieldErrors: readFieldErrors(data?.zodError),
  };
}

/** One line for a toast or an inline message: what happened and what to do. The request id is left to
 * a "Details" disclosure (`toastError`, `ErrorState`), never glued into the sentence. */
export function formatErrorForToast(error: unknown): string {
  return getErrorDetails(error).message;
}
