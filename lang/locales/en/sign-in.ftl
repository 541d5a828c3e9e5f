## The sign-in page.

sign-in-title = Sign in to pgdeck
sign-in-demo = Demo members: admin, alice, bob, carol, victor, audrey — password
sign-in-with = Sign in with { $name }
sign-in-break-glass = Password sign-in below is kept for admins' break-glass accounts.
username = Username
password = Password
sign-in = Sign in
signing-in = Signing in…
