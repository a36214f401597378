// translit serve: the page. Every piece of user text reaches the DOM through textContent
// or a text node, never parsed as HTML, so an input of <script> shows as text.
"use strict";

const STRINGS = {
  uz: {
    tagline: "Oʻzbek matni: kirill ⇄ lotin, 1995-yilgi rasmiy imlo boʻyicha",
    source: "Matn yozuvi", auto: "Aniqlansin", cyrillic: "Kirill", latin: "Lotin",
    "latin-2026": "Lotin (2026-yil alifbosi)", target: "Qaysi yozuvga", format: "Matn turi",
    options: "Sozlamalar", keep: "Oʻzgartirilmaydigan soʻzlar (har biri yangi qatorda)",
    input: "Matn", result: "Natija", choose: "Fayl tanlash", clear: "Tozalash",
    convert: "Oʻgirish", copy: "Nusxa olish", download: "Yuklab olish",
    placeholder: "Matnni shu yerga qoʻying yoki faylni shu yerga tashlang",
    legendLexicon: "lugʻatdan", legendRule: "qoida", legendCheck: "tekshiring",
    review: "Koʻrib chiqing", footer: "Matn faqat shu serverga yuboriladi va hech qayerda saqlanmaydi.",
    lang: "English", copied: "Nusxa olindi.", converting: "Oʻgirilmoqda…",
    done: (n, ms) => `Tayyor: ${n} belgi, ${ms} ms.`,
    tooBig: (mb) => `Matn juda katta: serverning chegarasi ${mb} MB. Qisqaroq matn yuboring yoki boʻlib yuboring.`,
    noMarks: "Matn uzun yoki belgilash tilida: soʻzlar belgilanmadi.",
    failed: "Server bilan aloqa yoʻq.", empty: "Avval matn kiriting yoki fayl tanlang.",
    whyLexicon: "Lugʻatdan tiklangan soʻz: boshqa soʻz boʻlishi mumkin, tekshiring.",
    whyForeign: "Oʻzbekcha lotin soʻzi emas (chet soʻzi boʻlsa kerak): oʻzgarishsiz qoldirildi.",
    whyKeep: "Sizning roʻyxatingizdagi soʻz: oʻzgartirilmadi.",
    keepIt: "Asl holicha qoldirish", unkeep: "Roʻyxatdan olib tashlash",
    document: (name, kb) => `${name} (${kb} KB): hujjat oʻgiriladi, formatlash saqlanadi.`,
    documentDone: (name) => `${name} tayyor: yuklab oling.`,
    unsupported: (ext) => `${ext} fayllari qoʻllanmaydi.`,
    letters: "harf", apostrophe: "Apostrof", soft_sign: "Yumshatish belgisi (ь)",
    foreign: "Chet soʻzlar", particles: "Yuklamalar (-da, -chi)", izofa: "Izofa (-yi)",
    dates: "Sanalar (1995-yil)",
    modifier: "ʻ ʼ (U+02BB/U+02BC)", typographic: "‘ ’", ascii: "' (ASCII)",
    bare: "апрель, апрелда", always: "апрель, апрельда", never: "апрел",
    convertForeign: "oʻgirilsin", keepForeign: "oʻzgarishsiz", text: "Oddiy matn",
  },
  en: {
    tagline: "Uzbek text: Cyrillic ⇄ Latin, by the official 1995 orthography",
    source: "Text is in", auto: "Detect", cyrillic: "Cyrillic", latin: "Latin",
    "latin-2026": "Latin (2026 alphabet)", target: "Convert to", format: "Format",
    options: "Options", keep: "Words never converted (one per line)",
    input: "Text", result: "Result", choose: "Choose a file", clear: "Clear",
    convert: "Convert", copy: "Copy", download: "Download",
    placeholder: "Paste text here or drop a file here",
    legendLexicon: "dictionary", legendRule: "rule", legendCheck: "check",
    review: "Please check", footer: "Text goes only to this server and is never stored.",
    lang: "Oʻzbekcha", copied: "Copied.", converting: "Converting…",
    done: (n, ms) => `Done: ${n} characters, ${ms} ms.`,
    tooBig: (mb) => `The text is too large: the server's limit is ${mb} MB. Send a shorter text or split it.`,
    noMarks: "Long text or markup: words are not marked.",
    failed: "Cannot reach the server.", empty: "Type or paste text, or choose a file first.",
    whyLexicon: "Restored from the dictionary: it may be another word, please check.",
    whyForeign: "Not an Uzbek Latin word (foreign, probably): kept as it was.",
    whyKeep: "On your list of words never converted.",
    keepIt: "Keep as it was", unkeep: "Remove from the list",
    document: (name, kb) => `${name} (${kb} KB): the document is converted, its formatting kept.`,
    documentDone: (name) => `${name} is ready: download it.`,
    unsupported: (ext) => `${ext} files are not supported.`,
    letters: "letters", apostrophe: "Apostrophe", soft_sign: "Soft sign (ь)",
    foreign: "Foreign words", particles: "Particles (-da, -chi)", izofa: "Izofa (-yi)",
    dates: "Dates (1995-yil)",
    modifier: "ʻ ʼ (U+02BB/U+02BC)", typographic: "‘ ’", ascii: "' (ASCII)",
    bare: "апрель, апрелда", always: "апрель, апрельда", never: "апрел",
    convertForeign: "convert", keepForeign: "keep", text: "Plain text",
  },
};

const MIME = {
  text: "text/plain", markdown: "text/markdown", html: "text/html", xml: "application/xml",
  srt: "application/x-subrip", vtt: "text/vtt",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
};

const $ = (id) => document.getElementById(id);
const state = {
  lang: "uz", config: null, file: null, result: null, segments: null, pinned: null, timer: 0,
};

function t(key, ...args) {
  const value = STRINGS[state.lang][key] ?? STRINGS.en[key] ?? key;
  return typeof value === "function" ? value(...args) : value;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function translate() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-ph]")) node.placeholder = t(node.dataset.i18nPh);
  $("lang").textContent = t("lang");
  $("lang").lang = state.lang === "uz" ? "en" : "uz";
}

function tooBig() { return t("tooBig", +(state.config.max_body / 1048576).toFixed(1)); }

function setError(message) { $("error").textContent = message || ""; }
function setStatus(message) { $("status").textContent = message || ""; }

// -- options from the server ------------------------------------------------------------------

async function loadConfig() {
  const response = await fetch("/api/options");
  state.config = await response.json();
  const target = $("target");
  for (const { id } of state.config.targets) target.append(el("option", { value: id, "data-i18n": id }, t(id)));
  const format = $("format");
  for (const name of state.config.formats) {
    if (state.config.documents.includes(name)) continue;  // chosen by file only
    const option = el("option", { value: name }, name === "text" ? t("text") : name.toUpperCase());
    if (name === "text") option.dataset.i18n = "text";
    format.append(option);
  }
  const box = $("options");
  for (const [name, spec] of Object.entries(state.config.options)) {
    if (name === "keep") continue;
    if (typeof spec.default === "boolean") {
      const input = el("input", { type: "checkbox", id: `opt-${name}` });
      input.checked = spec.default;
      box.append(el("label", { class: "switch" }, input, el("span", { "data-i18n": name }, t(name))));
    } else {
      const select = el("select", { id: `opt-${name}` });
      for (const choice of spec.choices) {
        const key = name === "foreign" ? `${choice}Foreign` : choice;
        select.append(el("option", { value: choice, "data-i18n": key }, t(key)));
      }
      select.value = spec.default;
      box.append(el("label", {}, el("span", { "data-i18n": name }, t(name)), select));
    }
  }
  const accept = Object.keys(state.config.extensions).join(",");
  $("file").setAttribute("accept", accept);
}

function keepList() {
  return $("keep").value.split("\n").map((w) => w.trim()).filter(Boolean);
}

function request() {
  const body = { target: $("target").value, source: $("source").value, format: $("format").value };
  for (const [name, spec] of Object.entries(state.config.options)) {
    if (name === "keep") continue;
    const input = $(`opt-${name}`);
    body[name] = typeof spec.default === "boolean" ? input.checked : input.value;
  }
  const keep = keepList();
  if (keep.length) body.keep = keep;
  return body;
}

// -- files ----------------------------------------------------------------------------------

function extension(name) {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot).toLowerCase();
}

async function takeFile(file) {
  setError("");
  const ext = extension(file.name);
  const format = state.config.extensions[ext];
  if (!format) { setError(t("unsupported", ext || file.name)); return; }
  if (file.size > state.config.max_body) { setError(tooBig()); return; }
  const binary = state.config.documents.includes(format);
  state.file = { name: file.name, type: file.type || MIME[format] || "text/plain", format, binary, bytes: null };
  $("filename").textContent = file.name;
  $("clear").hidden = false;
  if (binary) {
    state.file.bytes = new Uint8Array(await file.arrayBuffer());
    $("input").value = t("document", file.name, Math.ceil(file.size / 1024));
    $("input").readOnly = true;
  } else {
    $("input").value = await file.text();
    $("input").readOnly = false;
    $("format").value = format;
  }
  convert();
}

function clearFile() {
  state.file = null;
  $("filename").textContent = "";
  $("clear").hidden = true;
  $("input").readOnly = false;
  $("input").value = "";
  $("file").value = "";
  showResult(null);
}

function toBase64(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

function fromBase64(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

// -- converting -----------------------------------------------------------------------------

async function convert() {
  if (!state.config) return;
  const body = request();
  const doc = state.file && state.file.binary ? state.file : null;
  if (doc) {
    body.format = doc.format;
    body.data = toBase64(doc.bytes);
  } else {
    body.text = $("input").value;
    body.marks = true;
    if (!body.text) { setError(t("empty")); return; }
  }
  const payload = JSON.stringify(body);
  // Refused here, before uploading it all; the server enforces the same limit anyway.
  const size = new Blob([payload]).size;
  const limit = state.config.max_body;
  if (size > limit) { setError(tooBig()); return; }
  setError("");
  setStatus(t("converting"));
  const started = performance.now();
  let response, answer;
  try {
    response = await fetch("/api/convert", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: payload,
    });
    answer = await response.json();
  } catch (error) {
    setStatus("");
    setError(t("failed"));
    return;
  }
  if (!response.ok) {
    setStatus("");
    setError(response.status === 413 ? tooBig() : answer.error);
    return;
  }
  if (doc) {
    const bytes = fromBase64(answer.data);
    showResult({ bytes, name: doc.name, type: doc.type, text: answer.text });
    setStatus(t("documentDone", doc.name));
    return;
  }
  showResult({ text: answer.text, segments: answer.segments || null, name: state.file ? state.file.name : null, type: state.file ? state.file.type : null, format: body.format });
  const took = t("done", answer.text.length, Math.round(performance.now() - started));
  setStatus(answer.segments ? took : `${took} ${t("noMarks")}`);
}

function showResult(result) {
  state.result = result;
  hideTip(true);
  const out = $("output");
  out.replaceChildren();
  $("copy").disabled = !result;
  $("download").disabled = !result;
  const list = $("checklist");
  list.replaceChildren();
  $("review").hidden = true;
  if (!result) return;
  if (result.bytes) {  // a document: its converted paragraphs, and the file to download
    out.append(el("p", { class: "note", text: t("documentDone", result.name) }), result.text);
    return;
  }
  if (!result.segments) {
    out.append(document.createTextNode(result.text));
    return;
  }
  const seen = new Set();
  result.segments.forEach((segment, index) => {
    if (!segment.kind) { out.append(document.createTextNode(segment.text)); return; }
    const classes = [`m-${segment.kind}`];
    if (segment.check) classes.push("m-check");
    const mark = el("mark", { class: classes.join(" "), tabindex: "0", "data-i": String(index), "aria-describedby": "tip" }, segment.text);
    out.append(mark);
    if (segment.check && !seen.has(segment.source)) {
      seen.add(segment.source);
      list.append(reviewItem(segment));
    }
  });
  $("review").hidden = !seen.size;
}

function why(segment) {
  if (segment.kind === "foreign") return t("whyForeign");
  if (segment.kind === "keep") return t("whyKeep");
  if (segment.check) return t("whyLexicon");
  return "";
}

function reviewItem(segment) {
  const item = el("li", {}, el("strong", { text: segment.source }), ` → ${segment.text} — ${why(segment)}`);
  const action = keepAction(segment);
  if (action) item.append(action);
  return item;
}

function keepAction(segment) {
  if (segment.kind === "foreign") return null;  // already kept as it was
  const word = segment.source.trim();
  if (segment.kind === "keep") {
    return el("button", { type: "button", class: "unkeep", "data-word": word }, t("unkeep"));
  }
  if (!segment.check) return null;
  return el("button", { type: "button", class: "keepit", "data-word": word }, t("keepIt"));
}

function changeKeep(word, add) {
  const words = keepList().filter((w) => w.toLowerCase() !== word.toLowerCase());
  if (add) words.push(word);
  $("keep").value = words.join("\n");
  convert();
}

// -- the explanation tip ----------------------------------------------------------------------

function showTip(mark, pin) {
  const segment = state.result && state.result.segments && state.result.segments[+mark.dataset.i];
  if (!segment) return;
  const tip = $("tip");
  const steps = el("ol");
  // Letters by the alphabet table are counted, not listed: the rule or entry is the news.
  const letters = segment.steps.filter((step) => step.rule.startsWith("alphabet."));
  for (const step of segment.steps.filter((step) => !letters.includes(step))) {
    const item = el("li", {}, `${step.source} → ${step.output} `, el("code", { text: step.rule }));
    if (step.line) item.append(el("div", { class: "line", text: step.line.replace(/\t+/g, "  ") }));
    steps.append(item);
  }
  tip.replaceChildren(el("div", { class: "word", text: `${segment.source} → ${segment.text}` }), steps);
  if (letters.length) tip.append(el("div", { class: "line", text: `+ ${letters.length} ${t("letters")}: alphabet.tsv` }));
  if (why(segment)) tip.append(el("p", { class: "why", text: why(segment) }));
  const action = keepAction(segment);
  if (action) tip.append(action);
  tip.hidden = false;
  const box = mark.getBoundingClientRect();
  const left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
  tip.style.left = `${Math.max(8, left)}px`;
  tip.style.top = `${box.bottom + window.scrollY + 6}px`;
  state.pinned = pin ? mark : null;
  state.shown = mark;
}

function hideTip(force) {
  if (state.pinned && !force) return;
  $("tip").hidden = true;
  state.pinned = null;
  state.shown = null;
}

function wire() {
  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "uz" ? "en" : "uz";
    try { localStorage.setItem("translit-lang", state.lang); } catch (e) { /* private mode */ }
    translate();
    if (state.result && !state.result.bytes) showResult(state.result);
  });
  $("form").addEventListener("submit", (event) => { event.preventDefault(); convert(); });
  // A paste larger than the server takes is refused as it happens: a textarea holding
  // tens of megabytes would freeze the page for seconds, only to be refused later.
  $("input").addEventListener("paste", (event) => {
    const text = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
    if (state.config && text.length > state.config.max_body / 4 && new Blob([text]).size > state.config.max_body) {
      event.preventDefault();
      setError(tooBig());
    }
  });
  $("input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); convert(); }
  });
  for (const id of ["target", "source", "format"]) $(id).addEventListener("change", () => { if (state.result) convert(); });
  $("options").addEventListener("change", () => { if (state.result) convert(); });
  $("file").addEventListener("change", () => { if ($("file").files[0]) takeFile($("file").files[0]); });
  $("clear").addEventListener("click", clearFile);
  const drop = $("drop");
  drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    if (event.dataTransfer.files[0]) takeFile(event.dataTransfer.files[0]);
  });
  $("copy").addEventListener("click", async () => {
    if (!state.result || state.result.text === undefined) return;
    try {
      await navigator.clipboard.writeText(state.result.text);
    } catch (error) {  // no clipboard API (plain http on another host): select for Ctrl-C
      window.getSelection().selectAllChildren($("output"));
      document.execCommand("copy");
    }
    setStatus(t("copied"));
  });
  $("download").addEventListener("click", () => {
    const result = state.result;
    if (!result) return;
    const format = result.format || "text";
    const name = result.name || `translit${{ markdown: ".md", html: ".html", xml: ".xml", srt: ".srt", vtt: ".vtt" }[format] || ".txt"}`;
    const type = result.type || MIME[format] || "text/plain";
    const blob = new Blob([result.bytes || result.text], { type });
    const link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  });
  const out = $("output");
  out.addEventListener("mouseover", (event) => {
    const m = event.target.closest("mark");
    if (m && !state.pinned) { clearTimeout(state.timer); showTip(m, false); }
  });
  // Leaving a mark hides its tip after a moment, so that the pointer can reach the tip.
  const later = () => { clearTimeout(state.timer); state.timer = setTimeout(() => hideTip(false), 400); };
  out.addEventListener("mouseout", (event) => { if (event.target.closest("mark")) later(); });
  $("tip").addEventListener("mouseenter", () => clearTimeout(state.timer));
  $("tip").addEventListener("mouseleave", later);
  out.addEventListener("focusin", (event) => { const m = event.target.closest("mark"); if (m) showTip(m, false); });
  out.addEventListener("focusout", (event) => {
    if (!$("tip").contains(event.relatedTarget)) hideTip(true);
  });
  out.addEventListener("click", (event) => {  // a tap pins the tip (no hover on a phone)
    const m = event.target.closest("mark");
    if (m) showTip(m, true);
  });
  out.addEventListener("keydown", (event) => {
    const m = event.target.closest("mark");
    if (!m) return;
    if (event.key === "Enter" || event.key === " ") {  // into the tip, to its button
      event.preventDefault();
      showTip(m, true);
      const button = $("tip").querySelector("button");
      if (button) button.focus();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("tip").hidden) {
      const back = state.shown;
      hideTip(true);
      if (back) back.focus();
    }
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.keepit, button.unkeep");
    if (button) { changeKeep(button.dataset.word, button.classList.contains("keepit")); return; }
    if (state.pinned && !event.target.closest("#tip, mark")) hideTip(true);
  });
}

async function start() {
  try { state.lang = localStorage.getItem("translit-lang") === "en" ? "en" : "uz"; } catch (e) { /* private mode */ }
  wire();
  try {
    await loadConfig();
  } catch (error) {
    setError(t("failed"));
  }
  translate();
  document.body.dataset.ready = "1";
}

start();
