import { router } from "../../core/trpc";
import { changeEmail } from "./change-email";
import { changePassword } from "./change-password";
import { listSessions } from "./list-sessions";
import { signOutOthers } from "./sign-out-others";
import { updateName } from "./update-name";

export const profileRouter = router({ updateName, changeEmail, changePassword, sessions: listSessions, signOutOthers });
