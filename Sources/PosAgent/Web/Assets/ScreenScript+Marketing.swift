extension WebAssets {
    /// The cashier screen's script, part: 광고 이미지: the tablet's idle images as thumbnails, shown or hidden.
    static let screenScriptMarketing = #"""
// ---- 광고 이미지: the marketing images the tablet rotates while nobody checks out ------------------

const marketing = { images: [], showing: [] };
/// One <img> per image file, kept across redraws so a thumbnail is fetched once, not at every redraw.
const thumbnails = new Map();

async function loadMarketing() {
  try {
    const list = await call("GET", "/v1/marketing/images");
    marketing.images = list.images;
    marketing.showing = list.showing;
    renderMarketing();
  } catch (error) {
    say("#marketing-message", explain(error));
  }
}

/// `shown` (the tablet rotates it today), `hidden` (a manager hid it) or `not_today` (outside its days).
const imageState = (image) => image.hidden ? "hidden" : marketing.showing.includes(image.id) ? "shown" : "not_today";

function dayWindow(image) {
  if (!image.from && !image.until) return t("everyDay");
  return (image.from ?? "") + " – " + (image.until ?? "");
}

function thumbnail(image) {
  const key = image.id + ":" + image.sha256;
  let element = thumbnails.get(key);
  if (!element) {
    element = document.createElement("img");
    element.src = "/v1/marketing/images/" + image.id + "/content";
    element.width = 240;
    element.height = Math.max(1, Math.round(240 * image.height / image.width));
    thumbnails.set(key, element);
  }
  element.alt = image.title;
  return element;
}

function renderMarketing() {
  const items = marketing.images.map((image) => {
    const state = imageState(image);
    const item = document.createElement("li");
    item.dataset.id = image.id;
    item.dataset.state = state;
    const caption = document.createElement("div");
    caption.className = "caption";
    const title = document.createElement("strong");
    title.className = "title";
    title.textContent = image.title || t("untitled");
    const days = document.createElement("span");
    days.className = "days";
    days.textContent = dayWindow(image);
    const badge = document.createElement("span");
    badge.className = "state";
    badge.dataset.state = state;
    badge.textContent = t({ shown: "shownToday", hidden: "hiddenImage", not_today: "notToday" }[state]);
    caption.append(title, days, badge);
    if (image.origin === "central") {
      // The chain's image: it comes and goes with the central server's set; the shop may hide it.
      const chain = document.createElement("span");
      chain.className = "origin";
      chain.textContent = t("chainImage");
      caption.append(chain);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "visibility";
    button.dataset.action = image.hidden ? "show" : "hide";
    button.textContent = t(image.hidden ? "showImage" : "hideImage");
    button.addEventListener("click", () => setImageHidden(image, !image.hidden, button));
    item.append(thumbnail(image), caption, button);
    return item;
  });
  $("#marketing-images").replaceChildren(...items);
  $("#marketing-empty").classList.toggle("hidden", items.length > 0);
  renderMarketingTablet();
}
rerender.marketing = renderMarketing;

/// What the live feed says of the tablet's copies of today's images.
function renderMarketingTablet() {
  const tablet = (live.state?.devices ?? []).find((d) => d.role === "tablet");
  const counts = tablet?.present ? tablet.images : null;
  $("#marketing-tablet").textContent = !tablet?.present ? t("tabletAbsentImages")
    : counts ? t("tabletHolds", { held: counts.held, total: counts.held + counts.toSend }) : "";
}

/// Shows or hides one image with a manager's approval: the same act, and audit entry, as `posagent marketing hide`.
function setImageHidden(image, hidden, button) {
  return during([button], async () => {
    say("#marketing-message", "");
    try {
      const what = t(hidden ? "whatHide" : "whatShow", { id: image.id });
      const result = await withManagerApproval(what,
        (approval) => call("POST", `/v1/marketing/images/${image.id}/${hidden ? "hide" : "show"}`, undefined, { approval }));
      if (!result) return;
      await loadMarketing();
      say("#marketing-message", t(hidden ? "imageHidden" : "imageShown", { id: image.id }), true);
    } catch (error) {
      say("#marketing-message", explain(error));
      if (error.code === "image_not_found") await loadMarketing();
    }
  });
}

"""#
}
