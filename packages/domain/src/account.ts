import { text } from "./text";
import { z } from "zod";

/**
 * Form schemas shared by the browser and the server. No server dependency may be imported here:
 * the web app bundles this file into client components.
 */
export const passwordRules = [
  { test: (value: string) => value.length >= 10, message: "at least 10 characters" },
  { test: (value: string) => value.length <= 128, message: "at most 128 characters" },
  { test: (value: string) => /[a-z]/i.test(value), message: "a letter" },
  { test: (value: string) => /\d/.test(value), message: "a digit" },
] as const;

export const passwordSchema = text().superRefine((value, ctx) => {
  const missing = passwordRules.filter((rule) => !rule.test(value)).map((rule) => rule.message);
  if (missing.length) ctx.addIssue({ code: "custom", message: `Password needs ${missing.join(", ")}` });
});

export const emailSchema = text()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254, "At most 254 characters"));

export const signUpSchema = z.object({
  name: text().trim().min(1, "Enter your name").max(100, "At most 100 characters"),
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: text().min(1, "Enter your password"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: text().min(1, "Enter your current password"),
    newPassword: passwordSchema,
  })
  .refine((value) => value.currentPassword !== value.newPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const changeEmailSchema = z.object({ newEmail: emailSchema });
export type ChangeEmailInput = z.infer<typeof changeEmailSchema>;

export const organizationNameSchema = text().trim().min(2, "At least 2 characters").max(80, "At most 80 characters");

/** URL-safe slug from a name, e.g. "Ana's Shop" -> "anas-shop". */
export function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/['’]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48) || "store"
  );
}
