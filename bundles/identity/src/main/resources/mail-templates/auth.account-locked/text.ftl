Hello ${username},

After repeated failed sign-in attempts, your Pergola account is locked until ${until} (UTC).

If the attempts were yours, wait until then, or choose a new password with the password reset
on the sign-in page: ${sign_in_url}

If they were not yours, someone may be trying to guess your password. Your account is safe while
it is locked; choose a strong password and tell your administrator.
