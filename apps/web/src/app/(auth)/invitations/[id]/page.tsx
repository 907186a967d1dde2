import type { Metadata } from "next";
import { InvitationLanding } from "@/modules/invitations/components/invitation-landing";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <InvitationLanding invitationId={id} />;
}
