import { passwordRules } from "@syncstore/domain";
import { CheckIcon, CircleIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/** The password rules, ticked off while the user types. Same rules the server enforces. */
export function PasswordRules({ value }: { value: string }) {
  return (
    <ul className="grid gap-1" aria-label="Requirements">
      {passwordRules.map((rule) => {
        const met = rule.test(value);
        return (
          <li
            key={rule.message}
            className={cn("flex items-center gap-1.5", met ? "text-success" : "text-muted-foreground")}
          >
            {met ? (
              <CheckIcon className="size-3.5" aria-hidden />
            ) : (
              <CircleIcon className="size-3.5 p-0.5" aria-hidden />
            )}
            <span>
              Has {rule.message}
              <span className="sr-only">{met ? " (met)" : " (not yet met)"}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
