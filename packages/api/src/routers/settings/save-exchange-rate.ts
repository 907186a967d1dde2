import { exchangeRateInputSchema } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { saveExchangeRate as save } from "../../services/settings/organization-settings";

/** Saves a currency's rate and rounding; held price pushes to shops in that currency are queued. */
export const saveExchangeRate = permissionProcedure("settings:write")
  .input(exchangeRateInputSchema)
  .output(z.void())
  .mutation(({ ctx, input }) => save(scopeOf(ctx), input));
