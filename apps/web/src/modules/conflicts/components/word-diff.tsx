"use client";

import { diffWords } from "diff";
import { cn } from "@/lib/utils";

/** A word-level diff of `from` → `to`: removed words struck through, added words highlighted. */
export function WordDiff({ from, to, className }: { from: string; to: string; className?: string }) {
  const parts = diffWords(from, to);
  return (
    <p className={cn("text-sm leading-relaxed break-words whitespace-pre-wrap", className)}>
      {parts.map((part, index) =>
        part.added ? (
          <ins
            key={index}
            className="rounded-sm bg-emerald-100 px-0.5 text-emerald-900 no-underline dark:bg-emerald-900/40 dark:text-emerald-100"
          >
            {part.value}
          </ins>
        ) : part.removed ? (
          <del
            key={index}
            className="rounded-sm bg-rose-100 px-0.5 text-rose-900 dark:bg-rose-900/40 dark:text-rose-100"
          >
            {part.value}
          </del>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </p>
  );
}
