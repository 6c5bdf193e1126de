import type { OperatorModule } from "../operator-module";
import { routeDescription, type RouteData } from "./description";
import { createRoute } from "./embedded";
import { routeFlink } from "./flink";

/** The route operator: see description.ts, embedded.ts and flink.ts. */
export const route: OperatorModule<RouteData, "route"> = {
  ...routeDescription,
  embedded: { kind: "stateless", create: createRoute },
  flink: routeFlink,
};
