// Turns a select inside [data-waymark-typeahead] into a text box that
// suggests its options as you type (a native datalist, so the browser and
// assistive technology handle the list). The box posts the option's text,
// which the server accepts as well as its code; without JavaScript the
// select stays as it is.
export function initTypeahead(root = document) {
  for (const wrap of root.querySelectorAll('[data-waymark-typeahead]')) {
    const select = wrap.querySelector('select');
    if (!select) continue;
    const list = document.createElement('datalist');
    list.id = `${select.id}-list`;
    for (const o of select.options) {
      if (!o.value) continue;
      const opt = document.createElement('option');
      opt.value = o.text;
      list.appendChild(opt);
    }
    const input = document.createElement('input');
    input.type = 'text';
    input.className = `nhsuk-input${select.classList.contains('nhsuk-select--error') ? ' nhsuk-input--error' : ''}`;
    input.id = select.id;
    input.name = select.name;
    input.autocomplete = 'off';
    input.setAttribute('list', list.id);
    const described = select.getAttribute('aria-describedby');
    if (described) input.setAttribute('aria-describedby', described);
    const chosen = select.options[select.selectedIndex];
    input.value = chosen && chosen.value ? chosen.text : '';
    select.replaceWith(input);
    input.after(list);
  }
}
