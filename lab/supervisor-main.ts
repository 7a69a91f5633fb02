import { labOptionsSchema } from "./core/options.js";
import { Supervisor } from "./core/supervisor.js";

// Entry point of a lab's supervisor process; `lab up` starts it detached.
const raw: unknown = JSON.parse(process.argv[2] ?? "{}");
const opts = labOptionsSchema.parse(raw);
void new Supervisor(opts).run();
