import { cn } from "@/lib/utils";
import { formatDiff } from "../utils/format-diff";

const kindLabel = { added: "Added", removed: "Removed", changed: "Changed", unchanged: "Unchanged" } as const;

/** Field-by-field before and after of one audit entry. */
export function DiffViewer({ diff }: { diff: unknown }) {
  const rows = formatDiff(diff);
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">This entry recorded no field changes.</p>;
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full text-sm">
        <thead className="bg-muted/50 text-left text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Field
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Before
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              After
            </th>
          </tr>
        </thead>
        <tbody className="font-mono text-xs">
          {rows.map((row) => (
            <tr key={row.field} className="border-t align-top">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {row.field}
                <span className="sr-only"> ({kindLabel[row.kind]})</span>
              </th>
              <td
                className={cn(
                  "px-3 py-2 break-all",
                  row.before !== null &&
                    row.kind !== "unchanged" &&
                    "bg-destructive/5 text-destructive line-through decoration-destructive/40",
                )}
              >
                {row.before ?? <span className="text-muted-foreground">—</span>}
              </td>
              <td
                className={cn(
                  "px-3 py-2 break-all",
                  row.after !== null && row.kind !== "unchanged" && "bg-success/10 text-success",
                )}
              >
                {row.after ?? <span className="text-muted-foreground">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
