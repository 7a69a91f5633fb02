/**
 * Whether an object in `objectNamespace` with `exportTo` is visible from
 * `fromNamespace`. Absent exportTo = `*` (Istio's default
 * defaultVirtualServiceExportTo / defaultDestinationRuleExportTo; a mesh that
 * changed those defaults is not modelled). `.` = own namespace, `~` = nowhere.
 */
export function isExportedTo(exportTo: readonly string[] | undefined, objectNamespace: string, fromNamespace: string): boolean {
  if (!exportTo || exportTo.length === 0) return true;
  return exportTo.some((e) => e === "*" || (e === "." && objectNamespace === fromNamespace) || e === fromNamespace);
}
