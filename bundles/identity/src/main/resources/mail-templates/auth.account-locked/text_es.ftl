Hola, ${username}:

Tras varios intentos fallidos de iniciar sesión, tu cuenta de Pergola está bloqueada hasta el ${until} (UTC).

Si los intentos fueron tuyos, espera hasta entonces o elige una contraseña nueva con el
restablecimiento de contraseña de la página de inicio de sesión: ${sign_in_url}

Si no fueron tuyos, puede que alguien intente adivinar tu contraseña. Tu cuenta está a salvo
mientras siga bloqueada; elige una contraseña robusta y avisa a tu administrador.
