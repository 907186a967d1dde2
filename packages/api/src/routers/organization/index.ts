import { router } from "../../core/trpc";
import { createOrganization } from "./create-organization";
import { setActiveOrganization } from "./set-active-organization";

export const organizationRouter = router({ create: createOrganization, setActive: setActiveOrganization });
