// Live occupancy dashboard: facility list and history over fetch, changes over server-sent events.

import { percentOccupied, renderChart } from './chart.js';

const HOUR_MS = 60 * 60 * 1000;
const DEFAULT_INTERVAL_MS = 10 * 1000;
const RETRY_MS = 5 * 1000;
const UNKNOWN_REFETCH_GAP_MS = 5 * 1000;
const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 30 * 1000;
const CHART_TICK_MS = 10 * 1000;

const FEATURE_NAMES = {
  EV_CHARGING: 'EV charging',
  ACCESSIBLE: 'Accessible',
  WIDE: 'Wide',
  MOTORCYCLE: 'Motorcycle',
};
const FEATURE_ORDER = Object.keys(FEATURE_NAMES);

const statusElement = document.getElementById('status');
const noticeElement = document.getElementById('notice');
const listElement = document.getElementById('facilities');

/** Cards by facility id, each holding its elements, latest counts and chart series. */
const cards = new Map();
/** Latest event per facility that arrived while the list was being (re)fetched. */
const pending = new Map();

let source = null;
let reconnectDelay = RECONNECT_MIN_MS;
let generation = 0;
let loading = false;
let lastRefreshAt = 0;
let retryTimer = null;
let unknownTimer = null;
let clockSkewMs = null;
let clockSkewStale = false;

// ---- connection ----

function connect() {
  source = new EventSource('/api/v1/events');
  source.addEventListener('open', onOpen);
  source.addEventListener('error', onError);
  source.addEventListener('occupancy', onOccupancy);
}

function onOpen() {
  reconnectDelay = RECONNECT_MIN_MS;
  setStatus('live', 'Live');
  // Events may have been missed while disconnected, so the list and history are read afresh.
  refresh();
}

function onError() {
  setStatus('reconnecting', 'Reconnecting…');
  // The browser retries on its own unless the server refused the stream outright.
  if (source.readyState === EventSource.CLOSED) {
    source.close();
    setTimeout(connect, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
  }
}

function onOccupancy(event) {
  const update = parseUpdate(event.data);
  if (!update) {
    return;
  }
  noteServerTime(Date.parse(update.at));
  if (loading || !cards.has(update.facilityId)) {
    pending.set(update.facilityId, update);
    if (!loading) {
      refetchForUnknown();
    }
    return;
  }
  applyUpdate(cards.get(update.facilityId), update);
}

function setStatus(state, text) {
  statusElement.dataset.state = state;
  // Rewriting identical text would make screen readers announce it again.
  if (statusElement.textContent !== text) {
    statusElement.textContent = text;
  }
}

// ---- fetching ----

async function refresh() {
  const run = ++generation;
  loading = true;
  lastRefreshAt = Date.now();
  clearTimeout(retryTimer);
  clearTimeout(unknownTimer);
  unknownTimer = null;
  clockSkewStale = true;
  try {
    const facilities = await fetchFacilities();
    const histories = await Promise.all(facilities.map((facility) => fetchHistory(facility.id)));
    if (run !== generation) {
      return;
    }
    renderFacilities(facilities, histories);
    showNotice(facilities.length === 0 ? 'No facilities to show yet.' : '');
  } catch {
    if (run !== generation) {
      return;
    }
    showNotice('Could not load the facilities. Trying again shortly.');
    retryTimer = setTimeout(retryWhileLive, RETRY_MS);
  }
  loading = false;
  applyPending();
}

// A closed stream refreshes on its next open anyway, so only a live one needs a retry.
function retryWhileLive() {
  if (source?.readyState === EventSource.OPEN) {
    refresh();
  }
}

// Unknown ids are usually new facilities; the gap keeps a stray id from causing a refetch storm.
function refetchForUnknown() {
  if (unknownTimer !== null) {
    return;
  }
  const wait = Math.max(0, lastRefreshAt + UNKNOWN_REFETCH_GAP_MS - Date.now());
  unknownTimer = setTimeout(() => {
    unknownTimer = null;
    refresh();
  }, wait);
}

function applyPending() {
  const updates = [...pending.values()];
  pending.clear();
  // After a fresh list an id that is still unknown is dropped rather than fetched for again.
  for (const update of updates) {
    const card = cards.get(update.facilityId);
    if (card) {
      applyUpdate(card, update);
    }
  }
}

async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}`);
  }
  return response.json();
}

async function fetchFacilities() {
  const body = await fetchJson('/api/v1/facilities');
  const facilities = Array.isArray(body?.facilities) ? body.facilities : [];
  return facilities.filter((facility) => typeof facility?.id === 'string' && facility.id !== '');
}

// A missing history only costs the chart its past, so it must not fail the whole refresh.
async function fetchHistory(id) {
  try {
    const body = await fetchJson(`/api/v1/facilities/${encodeURIComponent(id)}/history`);
    const samples = Array.isArray(body?.samples) ? body.samples : [];
    const intervalSeconds = Number(body?.intervalSeconds);
    return {
      intervalMs: intervalSeconds > 0 ? intervalSeconds * 1000 : DEFAULT_INTERVAL_MS,
      series: samples.map(toPoint).filter((point) => point !== null),
    };
  } catch {
    return null;
  }
}

function parseUpdate(data) {
  try {
    const update = JSON.parse(data);
    return typeof update?.facilityId === 'string' ? update : null;
  } catch {
    return null;
  }
}

function toPoint(sample) {
  const at = Date.parse(sample?.at);
  return Number.isFinite(at) ? { at, total: count(sample.total), occupied: count(sample.occupied), live: false } : null;
}

function count(value) {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : 0;
}

// ---- server time ----

// The chart's hour is the server's hour: a kiosk with a wrong clock would otherwise show an empty
// or shifted chart. Every server timestamp is at or before the server's now, so the largest
// offset seen is the best lower bound of the clock difference. Each refresh starts the bound
// afresh, so that a local clock corrected meanwhile is followed.
function noteServerTime(atMs) {
  if (!Number.isFinite(atMs)) {
    return;
  }
  const offset = atMs - Date.now();
  clockSkewMs = clockSkewMs === null || clockSkewStale ? offset : Math.max(clockSkewMs, offset);
  clockSkewStale = false;
}

function serverNow() {
  return Date.now() + (clockSkewMs ?? 0);
}

// ---- rendering ----

function renderFacilities(facilities, histories) {
  const entries = facilities
    .map((facility, index) => ({ facility, history: histories[index] }))
    .sort((a, b) => (a.facility.id < b.facility.id ? -1 : a.facility.id > b.facility.id ? 1 : 0));
  const listed = new Set(entries.map((entry) => entry.facility.id));
  for (const [id, card] of cards) {
    if (!listed.has(id)) {
      card.section.remove();
      cards.delete(id);
    }
  }
  entries.forEach(({ facility, history }, index) => {
    const card = cards.get(facility.id) ?? createCard(facility.id);
    cards.set(facility.id, card);
    if (history) {
      card.intervalMs = history.intervalMs;
      card.series = history.series;
      noteServerTime(history.series[history.series.length - 1]?.at);
    }
    renderIdentity(card, facility);
    renderCounts(card, facility);
    // The list's counts are current, which the history's last sample need not be.
    appendPoint(card, facility);
    placeAt(card.section, index);
    drawChart(card);
  });
}

// Moving only misplaced cards keeps the DOM, and anything a reader is on, stable.
function placeAt(section, index) {
  const current = listElement.children[index] ?? null;
  if (current !== section) {
    listElement.insertBefore(section, current);
  }
}

function createCard(id) {
  const section = element('section', { class: 'facility', 'data-facility-id': id, 'aria-labelledby': `fac-${id}-title` });
  const title = element('h2', { id: `fac-${id}-title`, class: 'facility-name' });
  const address = element('p', { class: 'address', hidden: '' });

  const counts = element('dl', { class: 'counts' });
  const fields = {};
  for (const [field, term] of [['available', 'Free'], ['total', 'Total'], ['occupied', 'Occupied']]) {
    fields[field] = element('dd', { 'data-field': field });
    counts.append(element('div', { class: `count count-${field}` }, element('dt', {}, term), fields[field]));
  }

  const meter = element('meter', { id: `fac-${id}-meter`, min: '0', 'aria-describedby': `fac-${id}-meter-text` });
  const meterText = element('p', { id: `fac-${id}-meter-text`, class: 'meter-text', 'data-field': 'summary' });
  const occupancy = element('div', { class: 'occupancy' },
    element('label', { for: `fac-${id}-meter`, class: 'meter-label' }, 'Occupancy'), meter, meterText);

  const features = element('div', { class: 'features' });
  const chart = element('div', { class: 'chart-box' });
  section.append(title, address, counts, occupancy, features, chart);
  return {
    id, section, title, address, fields, meter, meterText, features, chart,
    name: id, series: [], intervalMs: DEFAULT_INTERVAL_MS, featureKeys: null,
  };
}

function renderIdentity(card, facility) {
  card.name = typeof facility.name === 'string' && facility.name !== '' ? facility.name : facility.id;
  setText(card.title, card.name);
  const address = typeof facility.address === 'string' ? facility.address.trim() : '';
  setText(card.address, address);
  card.address.hidden = address === '';
}

function renderCounts(card, data) {
  const total = count(data.total);
  const available = count(data.available);
  const occupied = count(data.occupied);
  setText(card.fields.available, String(available));
  setText(card.fields.total, String(total));
  setText(card.fields.occupied, String(occupied));

  const full = total > 0 && available === 0;
  const summary = total === 0
    ? 'No spots'
    : `${occupied} of ${total} occupied, ${percentOccupied(occupied, total)} %${full ? ' — Full' : ''}`;
  // A meter needs max above min, so an empty facility shows as an empty meter.
  card.meter.max = Math.max(total, 1);
  card.meter.value = Math.min(occupied, Math.max(total, 1));
  card.meter.low = total * 0.8;
  card.meter.high = total * 0.95;
  card.meter.optimum = 0;
  card.meter.setAttribute('aria-valuetext', summary);
  setText(card.meter, summary);
  setText(card.meterText, summary);
  card.section.classList.toggle('is-full', full);

  // Events without per-feature counts leave the table as it was.
  if (data.byFeature !== undefined) {
    renderFeatures(card, data.byFeature ?? {});
  }
}

function renderFeatures(card, byFeature) {
  const keys = Object.keys(byFeature).sort(byFeatureOrder);
  if (keys.length === 0) {
    card.features.replaceChildren();
    card.featureKeys = null;
    return;
  }
  if (card.featureKeys?.join() !== keys.join()) {
    card.features.replaceChildren(featureTable(keys));
    card.featureKeys = keys;
  }
  for (const row of card.features.querySelectorAll('tbody tr')) {
    const counts = byFeature[row.dataset.feature] ?? {};
    setText(row.querySelector('[data-feature-field="available"]'), String(count(counts.available)));
    setText(row.querySelector('[data-feature-field="total"]'), String(count(counts.total)));
  }
}

function featureTable(keys) {
  const head = element('thead', {}, element('tr', {},
    element('th', { scope: 'col' }, 'Feature'),
    element('th', { scope: 'col' }, 'Free'),
    element('th', { scope: 'col' }, 'Total')));
  const body = element('tbody', {}, ...keys.map((key) => element('tr', { 'data-feature': key },
    element('th', { scope: 'row' }, featureName(key)),
    element('td', { 'data-feature-field': 'available' }),
    element('td', { 'data-feature-field': 'total' }))));
  return element('table', { class: 'feature-table' }, element('caption', {}, 'Spots by feature'), head, body);
}

function byFeatureOrder(a, b) {
  const rank = (key) => (FEATURE_ORDER.includes(key) ? FEATURE_ORDER.indexOf(key) : FEATURE_ORDER.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

// Features the page does not know yet still get a readable name.
function featureName(key) {
  if (FEATURE_NAMES[key]) {
    return FEATURE_NAMES[key];
  }
  const words = key.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function applyUpdate(card, update) {
  renderCounts(card, update);
  appendPoint(card, update);
  drawChart(card);
}

// Live points are merged per sampling interval so that a busy facility's series stays as short as
// its history; the latest value in each interval is the one kept. Updates arrive in the order they
// happened, so a live point stamped a little earlier than the one before it still replaces it.
function appendPoint(card, update) {
  const point = toPoint(update) ?? { at: serverNow(), total: count(update.total), occupied: count(update.occupied) };
  point.live = true;
  const last = card.series[card.series.length - 1];
  const sameInterval = last && Math.floor(last.at / card.intervalMs) === Math.floor(point.at / card.intervalMs);
  if (last?.live && (sameInterval || point.at < last.at)) {
    card.series[card.series.length - 1] = { ...point, at: Math.max(point.at, last.at) };
  } else if (!last || point.at >= last.at) {
    card.series.push(point);
  }
}

function drawChart(card) {
  const now = serverNow();
  const start = now - HOUR_MS;
  const firstKept = card.series.findIndex((point) => point.at >= start);
  card.series = firstKept === -1 ? [] : card.series.slice(firstKept);
  renderChart(card.chart, card.series, now, { name: card.name, idPrefix: `fac-${card.id}-chart` });
}

// The hour slides even when nothing changes.
function redrawCharts() {
  for (const card of cards.values()) {
    drawChart(card);
  }
}

function showNotice(text) {
  setText(noticeElement, text);
  noticeElement.hidden = text === '';
}

function setText(target, text) {
  if (target.textContent !== text) {
    target.textContent = text;
  }
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, value);
  }
  for (const child of children) {
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

setStatus('connecting', 'Connecting…');
connect();
setInterval(redrawCharts, CHART_TICK_MS);
