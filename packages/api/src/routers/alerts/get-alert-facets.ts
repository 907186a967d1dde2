import { text } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { alertFacets } from "../../services/alerts/alerts";

/** The kinds and shops the Alerts page's filters offer. */
export const getAlertFacets = permissionProcedure("alert:read")
  .output(
    z.object({
      kinds: z.array(text()),
      shops: z.array(z.object({ id: text(), name: text(), platform: text() })),
    }),
  )
  .query(({ ctx }) => alertFacets(scopeOf(ctx)));
