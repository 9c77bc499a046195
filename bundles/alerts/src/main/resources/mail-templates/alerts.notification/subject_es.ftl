<#if kind == "resolved">[Resuelta] <#elseif kind == "reminder">[Recordatorio] <#else>[${severity?upper_case}] </#if>${rule_name}: ${metric} ${condition} ${threshold}
