"use client";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useMe } from "@/modules/shell/hooks/use-me";
import { SettingsSection } from "./settings-section";

export function ProfileSettings() {
  const me = useMe();
  return (
    <SettingsSection slug="profile">
      <Card>
        <CardHeader>
          <CardTitle>Account</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-1 text-sm">
          <p className="font-medium">{me.data?.user.name}</p>
          <p className="text-muted-foreground">{me.data?.user.email}</p>
        </CardContent>
      </Card>
    </SettingsSection>
  );
}
