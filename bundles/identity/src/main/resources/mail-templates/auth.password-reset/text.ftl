Hello ${username},

Someone (hopefully you) asked to reset the password of your Pergola account.
Open this link within ${minutes} minutes to choose a new password:

${link}

If you did not ask for this, ignore this message; your password stays as it is.
