import { redirect } from "next/navigation";

/** Every member can open their profile; the nav beside it lists the sections the role may read. */
export default function SettingsIndexPage() {
  redirect("/settings/profile");
}
