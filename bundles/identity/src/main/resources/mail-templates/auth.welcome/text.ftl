Hello ${name},

${created_by} created a Pergola account for you.

    Username: ${username}
    Sign in:  ${sign_in_url}

Your administrator tells you your first password. If you did not get one, choose your own with
the password reset on the sign-in page: the link goes to this address.
