/*
 * SecFlow · login with the Camunda webapps' session, shared by our own pages (/audit/, /dashboard/, /rules/, /studio/): the
 * same session as Cockpit and Tasklist, which /api accepts for GET, and for writes with the session's CSRF token.
 * window.SecflowSession = {currentUser, login, logout, loginForm, api}.
 */
(function () {
  'use strict';

  const AUTH = '/camunda/api/admin/auth/user/default';

  /*
   * Camunda's CSRF filter wants the session's token in X-XSRF-TOKEN on every POST. It tells the token
   * once, in a response header when it creates it, and in the cookie XSRF-TOKEN, whose path (/camunda)
   * hides it from our pages; a hidden frame below /camunda can read it.
   */
  let xsrf = null;

  async function camunda(url, options) {
    const response = await fetch(url, Object.assign({credentials: 'same-origin'}, options));
    const token = response.headers.get('X-XSRF-TOKEN');
    if (token) {
      xsrf = token;
    }
    return response;
  }

  function tokenFromCookie() {
    return new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.hidden = true;
      frame.src = AUTH;
      frame.onload = () => {
        let token = null;
        try {
          const match = /(?:^|;\s*)XSRF-TOKEN=([^;]+)/.exec(frame.contentDocument.cookie);
          token = match ? match[1] : null;
        } catch (e) {
          token = null;
        }
        frame.remove();
        resolve(token);
      };
      document.body.appendChild(frame);
    });
  }

  /** A write with the session's token in X-XSRF-TOKEN; a stale token (the session changed) is read anew once. */
  async function write(url, method, body, contentType) {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!xsrf) {
        await camunda(AUTH);
      }
      if (!xsrf) {
        xsrf = await tokenFromCookie();
      }
      const headers = {'X-XSRF-TOKEN': xsrf || '', Accept: 'application/json'};
      if (contentType) {
        headers['Content-Type'] = contentType;
      }
      const response = await camunda(url, {method, body, headers});
      if (response.status !== 403 || attempt === 1) {
        return response; // a refusal, also the second time, is the answer
      }
      xsrf = null; // a stale token (the session changed): read it anew once
    }
  }

  function post(url, body) {
    return write(url, 'POST', body, body ? 'application/x-www-form-urlencoded' : undefined);
  }

  /** The logged-in user's id, or null. */
  async function currentUser() {
    const response = await camunda(AUTH);
    return response.ok ? (await response.json()).userId : null;
  }

  /** Logs in to the webapps (as Cockpit does): {ok, status, userId}. */
  async function login(username, password) {
    const response = await post(AUTH + '/login/cockpit', new URLSearchParams({username, password}));
    if (!response.ok) {
      return {ok: false, status: response.status};
    }
    xsrf = null; // the login starts a new session with a token of its own
    return {ok: true, status: response.status, userId: (await response.json()).userId};
  }

  async function logout() {
    await post(AUTH + '/logout');
    xsrf = null;
  }

  /**
   * The page's login form (#login-form with #username and #password, the refusal in #login-error): a login clears the
   * password and calls onLogin(userId); a refusal says why, naming the page ("该账号无权使用数据看板").
   */
  function loginForm(pageName, onLogin) {
    const byId = (id) => document.getElementById(id);
    byId('login-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      byId('login-error').hidden = true;
      const result = await login(byId('username').value, byId('password').value);
      if (!result.ok) {
        byId('login-error').textContent = result.status === 401 || result.status === 403
          ? '登录失败：用户名或密码错误，或该账号无权使用' + pageName + '。' : '登录失败（' + result.status + '），请稍后重试。';
        byId('login-error').hidden = false;
        return;
      }
      byId('password').value = '';
      await onLogin(result.userId);
    });
  }

  /** Our API with JSON in and out; a refusal becomes an Error carrying the answer (status, message, fields). */
  async function api(method, path, body) {
    const response = method === 'GET'
      ? await fetch(path, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      : await write(path, method, body === undefined ? undefined : JSON.stringify(body), 'application/json');
    const text = await response.text();
    let answer = {};
    try {
      answer = text ? JSON.parse(text) : {};
    } catch (e) {
      answer = {text};
    }
    if (!response.ok) {
      const fields = (answer.fields || []).map((f) => f.field + '：' + f.reason).join('；');
      const error = new Error((answer.message || ('请求失败（' + response.status + '）')) + (fields ? '（' + fields + '）' : ''));
      error.status = response.status;
      error.answer = answer;
      throw error;
    }
    return answer;
  }

  window.SecflowSession = {currentUser, login, logout, loginForm, api};
})();
