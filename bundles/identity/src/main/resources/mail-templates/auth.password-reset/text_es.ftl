Hola, ${username}:

Alguien (esperamos que tú) ha pedido restablecer la contraseña de tu cuenta de Pergola.
Abre este enlace en los próximos ${minutes} minutos para elegir una contraseña nueva:

${link}

Si no lo has pedido tú, ignora este mensaje: tu contraseña sigue siendo la misma.
