Alpenbank Holding AG obtuvo en 2025 un beneficio neto de 1.870 millones de francos, un 9,6 % más.
El consejo propondrá en la junta del 8 de abril un dividendo de 3,20 francos por acción.
Los activos gestionados alcanzaron la cifra récord de 412.000 millones de francos.
Este comunicado es una traducción del original en inglés.
Los costes crecieron más de lo previsto, sobre todo por las inversiones en seguridad informática.
El banco confirmó sus objetivos para 2027, es decir, una ratio de eficiencia inferior al 60 %.
Sus acciones cerraron con una caída del 1,1 %, a 58,40 francos.
