import { router } from "../../core/trpc";
import { changePassword } from "./change-password";
import { listSessions } from "./list-sessions";
import { signOutOthers } from "./sign-out-others";
import { updateName } from "./update-name";

export const profileRouter = router({ updateName, changePassword, sessions: listSessions, signOutOthers });
