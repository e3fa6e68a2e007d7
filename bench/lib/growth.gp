# Search latency by directory size, one line a shape: p50 on the left, p99 on the right. bench/lib/report.py
# runs it with: data (blocks "size p50 p99" a shape, in the order of titles), out (the PNG), titles, subtitle.
set terminal pngcairo size 1200,520 font "sans,10"
set output out
set multiplot layout 1,2 title "Search latency by directory size\n{/*0.8 ".subtitle."}"
set logscale xy
set format x "%.0s%c"
set xlabel "providers"
set ylabel "ms"
set grid xtics ytics mxtics mytics lc rgb "#dddddd"
set key top left font ",9"
set title "p50"
plot for [i=1:words(titles)] data index (i-1) using 1:2 with linespoints lw 2 pt 7 title word(titles, i)
set title "p99"
plot for [i=1:words(titles)] data index (i-1) using 1:3 with linespoints lw 2 pt 7 title word(titles, i)
unset multiplot
