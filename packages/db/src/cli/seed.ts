import { getConfig } from "@syncstore/config";
import { seedDemo } from "../seed";

const login = await seedDemo(getConfig().DATABASE_URL);
console.log(
  login
    ? `Seeded demo organization; sign in as ${login.email} / ${login.password}`
    : "Demo organization already exists.",
);
