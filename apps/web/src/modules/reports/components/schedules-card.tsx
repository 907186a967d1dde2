"use client";

import { CalendarClockIcon, Trash2Icon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { EmptyState } from "@/components/common/empty-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { formatErrorForToast } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import { filtersOf, type ReportChoice, type ReportFormValue } from "./run-report-form";

/** Save the chosen report and filters as a daily or weekly email to chosen members. */
export function SchedulesCard({ reports, form }: { reports: ReportChoice[]; form: ReportFormValue }) {
  const schedules = trpc.reports.schedules.list.useQuery();
  const members = trpc.team.listMembers.useQuery();
  const utils = trpc.useUtils();
  const [name, setName] = useState("");
  const [frequency, setFrequency] = useState<"daily" | "weekly">("daily");
  const [recipients, setRecipients] = useState<string[]>([]);
  const create = trpc.reports.schedules.create.useMutation({
    onSuccess: () => {
      toast.success("Schedule saved");
      setName("");
      void utils.reports.schedules.list.invalidate();
    },
    onError: (error) => toast.error(formatErrorForToast(error)),
  });
  const remove = trpc.reports.schedules.delete.useMutation({
    onSuccess: () => void utils.reports.schedules.list.invalidate(),
    onError: (error) => toast.error(formatErrorForToast(error)),
  });
  const report = reports.find((r) => r.id === form.report);
  return (
    <Card id="schedules" className="scroll-mt-20">
      <CardHeader>
        <CardTitle>Schedules</CardTitle>
        <CardDescription>
          Email {report ? `the ${report.title} report` : "a report"} with the filters above to members, daily or weekly
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({
              name,
              report: form.report,
              filters: filtersOf(form, report),
              frequency,
              recipients,
              bom: form.bom,
            });
          }}
        >
          <div className="grid gap-1">
            <Label htmlFor="schedule-name">Schedule name</Label>
            <Input
              id="schedule-name"
              className="w-56"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={120}
            />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="schedule-frequency">Frequency</Label>
            <Select value={frequency} onValueChange={(v) => setFrequency(v as "daily" | "weekly")}>
              <SelectTrigger id="schedule-frequency" className="w-32">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="daily">Daily</SelectItem>
                <SelectItem value="weekly">Weekly</SelectItem>
              </SelectContent>
            </Select>
          </div>
          <fieldset className="grid gap-1">
            <legend className="text-sm font-medium">Send to</legend>
            <div className="flex flex-wrap gap-3">
              {(members.data ?? []).map((member) => (
                <label key={member.userId} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    className="size-4"
                    checked={recipients.includes(member.userId)}
                    onChange={(e) =>
                      setRecipients((current) =>
                        e.target.checked ? [...current, member.userId] : current.filter((id) => id !== member.userId),
                      )
                    }
                  />
                  {member.name}
                </label>
              ))}
            </div>
          </fieldset>
          <Button type="submit" disabled={create.isPending || !report || recipients.length === 0 || !name.trim()}>
            <CalendarClockIcon aria-hidden /> Save schedule
          </Button>
        </form>
        {schedules.data && schedules.data.length === 0 ? (
          <EmptyState icon={CalendarClockIcon} title="No schedules" description="Saved schedules are listed here." />
        ) : (
          <ul className="grid gap-2" aria-label="Schedules">
            {(schedules.data ?? []).map((schedule) => (
              <li
                key={schedule.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm"
              >
                <span>
                  <strong>{schedule.name}</strong> · {schedule.title} · {schedule.frequency} to{" "}
                  {schedule.recipients.map((r) => r.name).join(", ")}
                  <span className="block text-xs text-muted-foreground">
                    Next{" "}
                    {new Date(schedule.nextRunAt).toLocaleString(undefined, {
                      dateStyle: "medium",
                      timeStyle: "short",
                    })}
                  </span>
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Delete schedule ${schedule.name}`}
                  onClick={() => remove.mutate({ id: schedule.id })}
                >
                  <Trash2Icon aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
