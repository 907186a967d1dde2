import { router } from "../../core/trpc";
import { acceptInvitation } from "./accept-invitation";
import { cancelInvitation } from "./cancel-invitation";
import { changeRole } from "./change-role";
import { getInvitation } from "./get-invitation";
import { inviteMember } from "./invite-member";
import { leaveOrganization } from "./leave-organization";
import { listInvitations } from "./list-invitations";
import { listMembers } from "./list-members";
import { removeMember } from "./remove-member";

export const teamRouter = router({
  listMembers,
  listInvitations,
  invite: inviteMember,
  cancelInvitation,
  changeRole,
  removeMember,
  leave: leaveOrganization,
  getInvitation,
  acceptInvitation,
});
