/* global document, window */
// Quick exit: the button is a plain link that works without this script. With it, leaving replaces
// the current history entry, so Back does not return here; Escape or Shift pressed three times
// within 1.5 seconds does the same.
(function () {
  'use strict';
  var link = document.getElementById('quick-exit');
  if (!link) return;
  var target = link.getAttribute('href');
  var hint = document.getElementById('quick-exit-keys');
  if (hint) hint.hidden = false;
  var leaving = false;
  function leave(event) {
    if (event) event.preventDefault();
    if (leaving) return;
    leaving = true;
    document.title = '';
    document.body.hidden = true;
    window.location.replace(target);
  }
  link.addEventListener('click', leave);
  var key = '';
  var times = [];
  document.addEventListener('keydown', function (event) {
    if (event.repeat) return;
    if (event.key !== 'Escape' && event.key !== 'Shift') { times = []; return; }
    var now = Date.now();
    if (event.key !== key) { key = event.key; times = []; }
    times = times.filter(function (time) { return now - time < 1500; });
    times.push(now);
    if (times.length >= 3) leave();
  });
})();
