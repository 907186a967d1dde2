import type { Metadata } from "next";
import { ConflictPoliciesForm } from "@/modules/conflicts/components/conflict-policies-form";

export const metadata: Metadata = { title: "Settings · Conflicts" };

export default function ConflictSettingsPage() {
  return <ConflictPoliciesForm />;
}
