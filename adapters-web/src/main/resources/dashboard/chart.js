// Occupancy chart: a small SVG line of percent occupied against the last hour.

const SVG_NS = 'http://www.w3.org/2000/svg';
const HOUR_MS = 60 * 60 * 1000;
const WIDTH = 320;
const HEIGHT = 132;
const PLOT = { left: 44, right: 312, top: 10, bottom: 108 };

let chartCount = 0;

/** Whole percent occupied; an empty facility counts as not occupied rather than dividing by zero. */
export function percentOccupied(occupied, total) {
  return total > 0 ? Math.round((occupied / total) * 100) : 0;
}

/**
 * Draws (or redraws) the chart inside parent. Samples are {at, total, occupied}, oldest first,
 * with at in epoch milliseconds or as an ISO string; those older than an hour before nowMs are left out.
 */
export function renderChart(parent, samples, nowMs, { name, idPrefix } = {}) {
  const svg = parent.querySelector('svg.chart') ?? createSvg(parent, idPrefix);
  const points = visiblePoints(samples, nowMs);
  svg.replaceChildren(
    svgElement('title', { id: svg.dataset.titleId }, `Occupancy of ${name ?? 'facility'} over the last hour`),
    svgElement('desc', { id: svg.dataset.descId }, describe(points)),
    ...axes(),
    ...series(points, nowMs),
  );
  return svg;
}

function createSvg(parent, idPrefix) {
  const prefix = idPrefix ?? `chart-${++chartCount}`;
  const svg = svgElement('svg', {
    class: 'chart',
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': `${prefix}-title`,
    'aria-describedby': `${prefix}-desc`,
  });
  svg.dataset.titleId = `${prefix}-title`;
  svg.dataset.descId = `${prefix}-desc`;
  parent.append(svg);
  return svg;
}

function visiblePoints(samples, nowMs) {
  const start = nowMs - HOUR_MS;
  return samples
    .map((sample) => ({
      at: typeof sample.at === 'number' ? sample.at : Date.parse(sample.at),
      percent: percentOccupied(sample.occupied, sample.total),
      occupied: sample.occupied,
      total: sample.total,
    }))
    .filter((point) => Number.isFinite(point.at) && point.at >= start);
}

function describe(points) {
  if (points.length === 0) {
    return 'No occupancy data for the last hour yet.';
  }
  const last = points[points.length - 1];
  const percents = points.map((point) => point.percent);
  const lowest = Math.min(...percents);
  const highest = Math.max(...percents);
  const range = lowest === highest
    ? `stayed at ${lowest} %`
    : `was between ${lowest} % and ${highest} %`;
  return `Now ${last.percent} % occupied, ${last.occupied} of ${last.total} spots. Over the last hour occupancy ${range}.`;
}

function axes() {
  const middle = (PLOT.top + PLOT.bottom) / 2;
  return [
    line(PLOT.left, PLOT.top, PLOT.right, PLOT.top, 'chart-grid'),
    line(PLOT.left, middle, PLOT.right, middle, 'chart-grid'),
    line(PLOT.left, PLOT.bottom, PLOT.right, PLOT.bottom, 'chart-axis'),
    label(PLOT.left - 6, PLOT.top + 4, '100 %', 'end'),
    label(PLOT.left - 6, PLOT.bottom + 4, '0 %', 'end'),
    label(PLOT.left, HEIGHT - 6, '1 hour ago', 'start'),
    label(PLOT.right, HEIGHT - 6, 'now', 'end'),
  ];
}

function series(points, nowMs) {
  if (points.length === 0) {
    return [label((PLOT.left + PLOT.right) / 2, (PLOT.top + PLOT.bottom) / 2, 'No data yet', 'middle')];
  }
  const last = points[points.length - 1];
  // Occupancy holds until the next change, so the line runs on at the latest value up to now.
  const coordinates = [...points, { at: nowMs, percent: last.percent }].map((point) => [x(point.at, nowMs), y(point.percent)]);
  const [lastX, lastY] = coordinates[coordinates.length - 1];
  return [
    svgElement('polyline', { class: 'chart-line', points: coordinates.map((pair) => pair.join(',')).join(' ') }),
    svgElement('circle', { class: 'chart-dot', cx: lastX, cy: lastY, r: 3 }),
  ];
}

// Clamped because a server clock slightly ahead of ours would otherwise draw past the right edge.
function x(at, nowMs) {
  const fraction = (at - (nowMs - HOUR_MS)) / HOUR_MS;
  return round(PLOT.left + Math.min(1, Math.max(0, fraction)) * (PLOT.right - PLOT.left));
}

function y(percent) {
  return round(PLOT.bottom - (Math.min(100, Math.max(0, percent)) / 100) * (PLOT.bottom - PLOT.top));
}

function round(value) {
  return Math.round(value * 10) / 10;
}

function line(x1, y1, x2, y2, className) {
  return svgElement('line', { class: className, x1, y1, x2, y2 });
}

function label(atX, atY, text, anchor) {
  return svgElement('text', { class: 'chart-label', x: atX, y: atY, 'text-anchor': anchor }, text);
}

function svgElement(tag, attributes, text) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}
