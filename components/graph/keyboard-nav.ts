/**
 * Spatial keyboard navigation: the arrow keys move the selection to the
 * nearest node in that direction (within a 120° cone, favouring straight
 * lines); [ and ] step through the edges of the selected node.
 */
import type { Scene, SceneNode } from "./scene";

export type Direction = "left" | "right" | "up" | "down";

const VECTORS: Readonly<Record<Direction, readonly [number, number]>> = {
  left: [-1, 0],
  right: [1, 0],
  up: [0, -1],
  down: [0, 1],
};

export function nearestInDirection(scene: Scene, from: SceneNode, dir: Direction): SceneNode | null {
  const [vx, vy] = VECTORS[dir];
  let best: SceneNode | null = null;
  let bestScore = Infinity;
  for (const n of scene.nodes) {
    if (n === from) continue;
    const dx = n.x - from.x;
    const dy = n.y - from.y;
    const along = dx * vx + dy * vy;
    if (along <= 0) continue;
    const across = Math.abs(dx * vy - dy * vx);
    if (across > along * 1.75) continue; // outside the cone (tan 60°)
    const score = along + 2 * across;
    if (score < bestScore || (score === bestScore && best !== null && n.node.id < best.node.id)) {
      best = n;
      bestScore = score;
    }
  }
  return best;
}

/** Where keyboard navigation starts: the top-left-most node. */
export function firstNode(scene: Scene): SceneNode | null {
  let best: SceneNode | null = null;
  for (const n of scene.nodes) if (!best || n.x + n.y * 0.5 < best.x + best.y * 0.5) best = n;
  return best;
}

/** Edges of a node in a stable order: outgoing (by target), then incoming (by source). */
export function edgesOf(scene: Scene, nodeId: string): string[] {
  const out = [...(scene.outgoing.get(nodeId) ?? [])].map((e) => e.edge.id).sort();
  const inc = [...(scene.incoming.get(nodeId) ?? [])].map((e) => e.edge.id).sort();
  return [...out, ...inc.filter((id) => !out.includes(id))];
}
