/** better-auth error (`{ code, message, status }`) to a sentence for the form. */
export function authErrorMessage(error: { code?: string; message?: string; status?: number }): string {
  if (error.status === 429) return "Too many attempts. Wait a minute, then try again.";
  switch (error.code) {
    case "INVALID_EMAIL_OR_PASSWORD":
      return "That email and password do not match an account.";
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return "An account with this email already exists. Sign in instead.";
    default:
      return error.message || "Something went wrong. Try again.";
  }
}
