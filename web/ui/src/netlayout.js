// The network's force layout, run in a Web Worker (network.js starts it)
// so that its 300 ticks — half a second on a phone — never block the
// page: the reader can scroll and use the lists while it runs. It gets
// the nodes, links and box size, and answers with each node's position.
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, forceX, forceY } from 'd3-force';
import { radius } from './netradius.js';

self.onmessage = (ev) => {
  const { nodes, links, W, H } = ev.data;
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((n) => n.id).distance(40))
    .force('charge', forceManyBody().strength(-60))
    .force('center', forceCenter(W / 2, H / 2))
    .force('x', forceX(W / 2).strength(0.05))
    .force('y', forceY(H / 2).strength(0.08))
    .force('collide', forceCollide().radius((n) => radius(n) + 2))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  self.postMessage(nodes.map((n) => [Math.max(10, Math.min(W - 10, n.x)), Math.max(10, Math.min(H - 10, n.y))]));
};
