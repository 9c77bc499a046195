Hola, ${name}:

${created_by} ha creado una cuenta de Pergola para ti.

    Usuario:         ${username}
    Iniciar sesión:  ${sign_in_url}

Tu administrador te dirá tu primera contraseña. Si no te la ha dado, elige la tuya con el
restablecimiento de contraseña de la página de inicio de sesión: el enlace llega a esta dirección.
