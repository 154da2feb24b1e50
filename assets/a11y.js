/* Accessible names and roles for what Dash's own components render without them, and typed
   dates that commit on leaving the field.

   Dash 4's components (dropdown, radio items, checklist, slider, date pickers, upload) offer no
   props for these, so after each render this script, idempotently:
   - names the dropdown's keyboard focus target (an input that is focusable yet aria-hidden) after
     its field's label and value, as a combobox;
   - makes radio items and checklists a named radio group or group of native inputs, instead of a
     listbox whose options wrap inputs (nested interactive controls);
   - names slider thumbs, the upload's file input, and the date pickers' clear buttons (which also
     become keyboard buttons);
   - drops ARIA attributes the date pickers put on a plain div.
   A date typed into a date picker commits when the field loses focus (as Tab does), and Enter
   commits it and closes the calendar. */
(function () {
  "use strict";

  function fieldLabel(el) {
    const field = el.closest(".field");
    const label = field && field.querySelector(".field-label");
    return label ? label.textContent.trim() : "";
  }

  function set(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }

  function drop(el, name) {
    if (el.hasAttribute(name)) { el.removeAttribute(name); }
  }

  function dropdowns() {
    document.querySelectorAll(".dash-dropdown-focus-target").forEach(function (input) {
      const button = input.parentElement.querySelector("button.dash-dropdown");
      const value = button ? button.querySelector(".dash-dropdown-value") : null;
      const shown = value ? value.textContent.trim() : "";
      const name = fieldLabel(input) || (button && button.id) || "Choose";
      const label = input.closest(".field") && input.closest(".field").querySelector(".field-label[id]");
      if (button && label) {
        const named = button.getAttribute("aria-labelledby") || "";
        if (!named.startsWith(label.id + " ")) {
          set(button, "aria-labelledby", label.id + " " + named);
        }
      }
      drop(input, "aria-hidden");
      set(input, "role", "combobox");
      set(input, "aria-label", shown ? name + ": " + shown : name);
      set(input, "aria-expanded", button ? button.getAttribute("aria-expanded") || "false" : "false");
      set(input, "aria-haspopup", "listbox");
    });
  }

  function optionLists() {
    const lists = document.querySelectorAll(".dash-radioitems, .dash-checklist");
    lists.forEach(function (list) {
      set(list, "role", list.classList.contains("dash-radioitems") ? "radiogroup" : "group");
      const name = fieldLabel(list) || list.getAttribute("data-label") || "";
      if (name) { set(list, "aria-label", name); }
      list.querySelectorAll(".dash-options-list-option").forEach(function (option) {
        drop(option, "role");
        drop(option, "aria-selected");
      });
    });
  }

  function sliders() {
    document.querySelectorAll(".dash-slider-thumb[role=slider]").forEach(function (thumb) {
      const wrap = thumb.closest("[data-slider-label]");
      set(thumb, "aria-label", wrap ? wrap.getAttribute("data-slider-label") : "Slider");
      const source = wrap && document.getElementById(wrap.getAttribute("data-value-from") || "");
      if (source && source.value) { set(thumb, "aria-valuetext", source.value); }
    });
  }

  function uploads() {
    document.querySelectorAll(".upload input[type=file]").forEach(function (input) {
      set(input, "aria-label", fieldLabel(input) || "Open a file");
      set(input, "tabindex", "-1"); // the visible "browse" button opens it
    });
  }

  function datePickers() {
    document.querySelectorAll(".dash-datepicker-input-wrapper").forEach(function (wrap) {
      ["aria-labelledby", "aria-haspopup", "aria-expanded", "aria-disabled"].forEach(function (a) {
        drop(wrap, a);
      });
    });
    document.querySelectorAll(".dash-datepicker-input").forEach(function (input) {
      if (!input.hasAttribute("aria-label")) { set(input, "aria-label", fieldLabel(input)); }
    });
    document.querySelectorAll("a.dash-datepicker-clear").forEach(function (clear) {
      set(clear, "role", "button");
      set(clear, "tabindex", "0");
      set(clear, "aria-label", "Clear the dates");
    });
  }

  function fix() {
    dropdowns();
    optionLists();
    sliders();
    uploads();
    datePickers();
  }

  let queued = false;
  function schedule() {
    if (!queued) {
      queued = true;
      window.requestAnimationFrame(function () { queued = false; fix(); });
    }
  }

  function key(target, name) {
    target.dispatchEvent(new KeyboardEvent("keydown", {key: name, bubbles: true, cancelable: true}));
  }

  document.addEventListener("input", schedule, true);

  // A typed date commits on leaving the field: the picker commits on Tab only.
  document.addEventListener("focusout", function (event) {
    const input = event.target;
    if (input.classList && input.classList.contains("dash-datepicker-input") && !input.dataset.committing) {
      input.dataset.committing = "1";
      key(input, "Tab");
      delete input.dataset.committing;
    }
  }, true);

  // Enter in a date field commits the date and leaves the calendar closed.
  document.addEventListener("keydown", function (event) {
    const input = event.target;
    if (event.key === "Enter" && input.classList && input.classList.contains("dash-datepicker-input")) {
      event.stopPropagation();
      event.preventDefault();
      key(input, "Tab");
      window.requestAnimationFrame(function () { key(input, "Escape"); });
    }
    if ((event.key === "Enter" || event.key === " ") && input.classList &&
        input.classList.contains("dash-datepicker-clear")) {
      event.preventDefault();
      input.click();
    }
  }, true);

  function start() {
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["role", "aria-selected", "aria-hidden", "aria-expanded", "aria-valuenow"],
    });
    fix();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
