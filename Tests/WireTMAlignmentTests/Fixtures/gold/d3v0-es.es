Helix Genomics AG informó de que su ensayo de fase 2 con HX-201 alcanzó su criterio de valoración principal.
El estudio incluyó a 214 pacientes en 31 centros de Alemania, Francia e Italia.
Tras 24 semanas, el 62,5 % de los pacientes tratados con HX-201 alcanzó la remisión, frente al 21,3 % con placebo; No se observaron nuevas señales de seguridad.
Los resultados completos se presentarán en un congreso médico en 2026, p. ej. el congreso EULAR.
Helix tiene previsto iniciar un programa de fase 3 en el segundo semestre de 2026.
