import { router } from "../../core/trpc";
import { getAuditFacets } from "./get-audit-facets";
import { listAudit } from "./list-audit";

export const auditRouter = router({ list: listAudit, facets: getAuditFacets });
