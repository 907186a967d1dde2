import { signUpSchema } from "@syncstore/domain";
import { z } from "zod";
import { authenticatedProcedure } from "../../core/trpc";
import { updateProfileName } from "../../services/settings/profile";
import { profileActorOf } from "./shared";

export const updateName = authenticatedProcedure
  .input(signUpSchema.pick({ name: true }))
  .output(z.void())
  .mutation(({ ctx, input }) => updateProfileName(profileActorOf(ctx), input.name));
