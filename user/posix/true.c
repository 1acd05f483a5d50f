/*
 * posix/true.c: true: does nothing, successfully.
 * Exit status: 0.
 */
int main(void)
{
	return 0;
}
