/*
 * posix/false.c: false: does nothing, unsuccessfully.
 * Exit status: 1.
 */
int main(void)
{
	return 1;
}
