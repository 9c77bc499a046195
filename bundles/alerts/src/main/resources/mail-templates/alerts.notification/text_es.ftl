<#if kind == "resolved">La alerta "${rule_name}" está resuelta: ${metric} vale ahora ${value}.
<#elseif kind == "reminder">Recordatorio: la alerta "${rule_name}" sigue activa y nadie la ha reconocido todavía (recordatorio ${reminders}).
<#else>La alerta "${rule_name}" se ha disparado: ${metric} vale ${value}.
</#if>
Regla:       ${metric} ${condition} ${threshold}
Gravedad:    ${severity}
Disparada:   ${triggered_at} (UTC)
Id de alerta: ${alert_id}
<#if description?has_content>

${description}
</#if>
<#if kind != "resolved">

Reconócela para detener los recordatorios: POST /api/v1/alerts/${alert_id}/acknowledge o, en la consola de Karaf, alert:ack ${alert_id}
</#if>
