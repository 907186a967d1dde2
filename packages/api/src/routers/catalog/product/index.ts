import { router } from "../../../core/trpc";
import { archive } from "./archive";
import { create } from "./create";
import { duplicate } from "./duplicate";
import { get } from "./get";
import { update } from "./update";

export const productRouter = router({ get, create, update, archive, duplicate });
