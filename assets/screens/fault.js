// Counts down to the retry the shell announced (?retryAt=ms since the epoch). No modules, no bundle.
(function () {
  var retryAt = Number(new URLSearchParams(location.search).get('retryAt'));
  if (!isFinite(retryAt) || retryAt <= 0) return;
  var main = document.querySelector('main');
  var zh = document.getElementById('zh');
  var en = document.getElementById('en');
  var at = new Date(retryAt).toLocaleTimeString('zh-CN', { hour12: false });
  function tick() {
    var left = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
    main.setAttribute('data-retry-in', String(left));
    zh.textContent = left > 0 ? '此屏幕多次异常退出，系统将在 ' + left + ' 秒后（' + at + '）自动重试。' : '正在重试…';
    en.textContent = left > 0 ? 'This screen stopped several times; it will try again in ' + left + ' s (' + at + ').' : 'Trying again…';
  }
  tick();
  setInterval(tick, 1000);
})();
