"""People and signing in.

- `auth`: who is signed in (`current_user()`), `sign_in`/`sign_out`, page guards
  (`login_required`, `teacher_required`, `student_required`), session cookie settings.
- `service`: creating accounts, checking and changing passwords (Argon2id).
- `throttle`: refusing sign-ins for a while after repeated wrong passwords.
- `tokens`: API bearer tokens (SHA-256 stored, revocable); `learn.api.core` checks them.
- `routes`: the pages (/setup, /signin, /signup, /signout, /account/password, /accounts/new).
- `errors`: friendly HTML error pages. `cli`: `flask --app app users create`.
"""
