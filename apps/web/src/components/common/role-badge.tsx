import { Badge } from "@/components/ui/badge";

export function RoleBadge({ role }: { role: string }) {
  return (
    <Badge variant={role === "owner" || role === "admin" ? "default" : "secondary"} className="capitalize">
      {role}
    </Badge>
  );
}
