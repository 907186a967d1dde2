import { currencyCodeSchema } from "@syncstore/domain";
import { z } from "zod";
import { scopeOf } from "../../core/scope";
import { permissionProcedure } from "../../core/trpc";
import { deleteExchangeRate as remove } from "../../services/settings/organization-settings";

export const deleteExchangeRate = permissionProcedure("settings:write")
  .input(z.object({ currency: currencyCodeSchema }))
  .output(z.void())
  .mutation(({ ctx, input }) => remove(scopeOf(ctx), input.currency));
